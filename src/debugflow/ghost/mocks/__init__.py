"""Mock values from type hints, recording stand-ins, and the variants tried between attempts."""
