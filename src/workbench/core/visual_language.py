"""The visual language of resources/visual.yaml as plain data, generated from the
YAML by `python tests/tools/visual_language.py` (do not edit by hand: edit the YAML and
regenerate; tests/core/test_visual.py checks that the two agree). Importing this costs no
YAML parser at the GUI's start (issue 17)."""

from __future__ import annotations

from typing import Any

DATA: dict[str, Any] = {'levels': {1: {'fill': '#E3F1F5', 'text': '#14303D', 'name': 'Initial'},
            2: {'fill': '#B3DAE4', 'text': '#14303D', 'name': 'Developing'},
            3: {'fill': '#6FB5C8', 'text': '#0B1E26', 'name': 'Defined'},
            4: {'fill': '#2B7A98', 'text': '#FFFFFF', 'name': 'Managed'},
            5: {'fill': '#123F5C', 'text': '#FFFFFF', 'name': 'Optimised'}},
 'neutral': {'not_applicable': {'fill': '#EEEEEE',
                                'text': '#4A4A4A',
                                'outline': '#B5B5B5'},
             'unrated': {'fill': '#FFFFFF',
                         'text': '#5C6770',
                         'outline': '#9AA5AB'},
             'needs_consensus': {'fill': '#FFFFFF',
                                 'text': '#3D4850',
                                 'outline': '#3D4850',
                                 'dashed': True}},
 'brand': {'primary': '#0F3D5C',
           'accent': '#2B7A98',
           'muted_text': '#5C6770',
           'rule': '#D5DCE0',
           'zebra': '#F4F7F8'},
 'target': {'line': '#C05A00'},
 'spacing': 8}
