"""The static map: which project functions an entry can reach, read from source."""
