"""Flights: sorties from ADS-B tracks (built in the Sorties issue)."""
