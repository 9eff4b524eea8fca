"""summitry: a chronology of North Korea's summit diplomacy, 2017-2019, with sources."""
