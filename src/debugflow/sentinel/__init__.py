"""The sentinel: `flow activate` runs it in the background for one project.

It serves the project's hub in its own process, listens for the global hotkeys (Ctrl+Alt+F
shows or hides the desktop HUD, Ctrl+Alt+S runs the newest script under `flow run`), and
manages the processes those start. `state` is its state file, `control` what the `flow`
commands do with it, `daemon` the process itself.
"""
