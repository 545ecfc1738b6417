"""The use-case tests take `store` and `kela` from tests/conftest.py; responses from services_data."""
