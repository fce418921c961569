"""The parts of `scripts/build_demo_gifs.py`: an X server of its own, a real hub, the real HUDs,
real traced programs, and the frames they render turned into optimised GIFs."""
