"""Colours shared by the window's widgets: one light theme, kept small on purpose.

Category colours come from the archive (`Category.color`); `ink` and `washed` derive the
two variants every widget needs from them: a shade that reads on the light background
(for outlines, density and text chips) and the faded one used when search hits are lit.
"""

from __future__ import annotations

from PySide6.QtGui import QColor

BACKGROUND = QColor("#fbfbf9")
BAND_ALTERNATE = QColor("#f2f2ee")
AXIS_BACKGROUND = QColor("#eceae4")
RULE = QColor("#c9c6bd")  # axis base line, band separators
GRID = QColor("#e1ded6")  # vertical lines at major ticks
TEXT = QColor("#1f1f1c")
TEXT_MUTED = QColor("#66635b")  # tick labels, counts
TEXT_DIMMED = QColor("#b4b1a9")  # labels of items dimmed by a search
TODAY = QColor("#d1362f")
SELECTION = QColor("#0b4fc4")
HOVER = QColor("#3b3a36")
OVERVIEW_BACKGROUND = QColor("#e4e2db")
OVERVIEW_BARS = QColor("#8e8b80")
OVERVIEW_WINDOW = QColor("#0b4fc4")
MUTED_STYLE = "color: palette(placeholder-text);"  # style sheet of secondary text

_INK_MAX_LIGHTNESS = 0.62  # HSL lightness above which a colour is darkened to read on BACKGROUND


def ink(color: QColor) -> QColor:
    """`color`, darkened until it stands out on BACKGROUND (yellows, light greys)."""
    lightness = color.lightnessF()
    if lightness <= _INK_MAX_LIGHTNESS:
        return QColor(color)
    return color.darker(round(100 * lightness / _INK_MAX_LIGHTNESS * 1.15))


def washed(color: QColor, amount: float = 0.72) -> QColor:
    """`color` blended towards BACKGROUND by `amount` (0 keeps it, 1 is the background)."""
    keep = 1.0 - amount
    return QColor.fromRgbF(
        color.redF() * keep + BACKGROUND.redF() * amount,
        color.greenF() * keep + BACKGROUND.greenF() * amount,
        color.blueF() * keep + BACKGROUND.blueF() * amount,
    )


def with_alpha(color: QColor, alpha: float) -> QColor:
    out = QColor(color)
    out.setAlphaF(alpha)
    return out
