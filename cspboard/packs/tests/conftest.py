# Every packs test runs with the packs' settings (fixtures.py): imported, the fixture is this
# folder's.
from .fixtures import _packs_settings as _packs_settings
