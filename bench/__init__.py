"""The build benchmark: synthetic city-sized sites (`generate`), a plain Pelican twin (`plain`), and the
runner that builds both in subprocesses and writes the table (`run`)."""
