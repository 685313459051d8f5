"""The benchmark stage: a numeric-accuracy QA set, its metrics and its runner."""

import index  # noqa: F401  (offline environment first)
