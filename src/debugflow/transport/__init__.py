"""Moving events between processes: the hub's wire format, discovery and the hub link."""
