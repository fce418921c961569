"""A traced run from start to end: the session owning tracer and sinks, and the program it runs."""
