"""Reading a homepage page (about.md, a profile README, a Hugo Blox author page); see :mod:`.reader`."""
