"""`python -m intake` runs the command line."""
from intake.cli import main

# Guarded: reader processes are spawned, and a spawned process imports the parent's main module.
if __name__ == "__main__":
    main()
