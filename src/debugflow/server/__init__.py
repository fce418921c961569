"""The hub: a local web server that streams traced runs to browser viewers (`flow hud`)."""
