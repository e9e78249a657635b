"""The recording core: sessions, capture, engine and exporters. No widgets live here."""
