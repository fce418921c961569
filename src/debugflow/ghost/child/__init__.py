"""What runs inside the sandbox child: the guards, the caps, the entry call and its attempts."""
