"""The debugger: breakpoints and steps in the traced process, on the tracer's own backends.

    specs        breakpoint specs as people type them (`app.py:42 if x > 3`, `raised`)
    breakpoints  the run's breakpoints: hit counts, conditions, logpoints, lookups
    savefile     a project's breakpoints kept between runs (`<data>/breakpoints.json`)
    controller   the pause state: one pure state machine with numbered states
    stops        the stop engine: pdb's stepping, restricted to traced code
    runtime      `Debugger`: the controller, the engine and a backend adapter, threads
    monitor      the adapter for `sys.monitoring` (a tool id of its own)
    tracehooks   the adapter for `sys.settrace` (through the tracer's trace function)
    inspection   `p`, `w` and `l` on a paused frame

Front ends (the terminal's `flow debug`, later the hub) drive a `Debugger` with commands
that name the state they act on; see `runtime`.
"""
