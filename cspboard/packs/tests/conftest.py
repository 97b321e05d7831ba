import pytest


@pytest.fixture(autouse=True)
def _packs_settings(settings):
    """The packs tests name their own providers (tests/fake_providers.py; the real ones are
    tested in their apps), and build packs in the request unless a test says otherwise."""
    settings.CSPBOARD_PACK_PROVIDERS = ()
    settings.PACK_BUILD_INLINE = True
    settings.PACK_CONVERTER = None
