"""python -m summitry: the same as the summitry command."""

from summitry.cli import main

if __name__ == "__main__":
    main()
