"""The tracer: backends that hook the interpreter, the code filter, and the collector thread."""
