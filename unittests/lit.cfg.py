# Runs every GoogleTest binary under build/unittests (one per library) through lit.
import os
import lit.formats

config.name = "Stencil-Unit"
config.suffixes = []
config.test_source_root = os.path.join(config.stencil_obj_root, "unittests")
config.test_exec_root = config.test_source_root
config.test_format = lit.formats.GoogleTest(".", "Tests")
