"""The shared palette is readable: contrast and a light-to-dark ramp."""

from __future__ import annotations

from workbench.core.visual import contrast_ratio, visual


def test_every_swatch_keeps_text_readable() -> None:
    v = visual()
    for swatch in [*v.levels.values(), *v.neutral.values()]:
        assert contrast_ratio(swatch.text, swatch.fill) >= 4.5, swatch


def test_levels_run_from_light_to_dark() -> None:
    v = visual()
    white = "#FFFFFF"
    contrasts = [contrast_ratio(v.levels[n].fill, white) for n in sorted(v.levels)]
    assert contrasts == sorted(contrasts)
    assert len(v.levels) == 5


def test_shown_percents_never_cross_a_band() -> None:
    from workbench.core.display import percent_text, score_text

    assert percent_text(59.6) == "59 %"
    assert percent_text(70.0 - 1e-14) == "70 %"
    assert percent_text(None) == "—"
    assert score_text(33.75) == "33.8"


def test_the_generated_visual_language_is_the_yaml() -> None:
    """The app reads core.visual_language; after an edit of resources/visual.yaml run
    `make visual-language` to regenerate it."""
    from tests.tools.visual_language import TARGET, from_yaml, module_text
    from workbench.core.visual_language import DATA

    stale = "resources/visual.yaml changed: run `make visual-language` to regenerate"
    assert from_yaml() == DATA, stale
    assert TARGET.read_text("utf-8") == module_text(from_yaml()), stale
