"""The desktop HUD: a Dear PyGui window that draws the hub's live spine, like the web HUD.

`python -m debugflow.hud` starts it (`main.py`); the sentinel launches it as a child process
and drives it through stdout lines and signals (docs/desktop-hud.md). The parts that need no
display (the run's mirror, the session, the layout, labels, following, animations, docking)
are plain Python; only the render loop's modules import Dear PyGui, an optional extra.
"""
