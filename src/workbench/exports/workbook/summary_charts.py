"""The summary's two charts: score by dimension, and current against target level."""

from __future__ import annotations

from openpyxl.chart import BarChart, RadarChart, Reference
from openpyxl.chart.label import DataLabelList
from openpyxl.chart.series import SeriesLabel
from openpyxl.worksheet.worksheet import Worksheet

from workbench.core.framework import Framework
from workbench.core.visual import visual


def add_charts(ws: Worksheet, framework: Framework, primary: str, header: int, last: int,
               anchor_row: int) -> None:
    """Charts of the dimension table whose header row is `header`, below `anchor_row`."""
    primary, accent = primary.lstrip("#"), visual().target_line.lstrip("#")
    names = Reference(ws, min_col=2, min_row=header + 1, max_row=last)
    ws.add_chart(_bars(ws, names, primary, header, last), f"A{anchor_row}")
    if len(framework.dimensions) < 3:
        return  # a radar needs three axes; the bars above already show each dimension
    radar = _radar(ws, names, header, last, max(b.level for b in framework.bands))
    current, target = radar.series
    current.tx = SeriesLabel(v="Current level")
    target.tx = SeriesLabel(v="Target level")
    current.graphicalProperties.line.solidFill = primary
    current.graphicalProperties.line.width = 28000
    target.graphicalProperties.line.solidFill = accent
    target.graphicalProperties.line.dashStyle = "dash"
    target.graphicalProperties.line.width = 22000
    ws.add_chart(radar, f"A{anchor_row + 16}")


def _bars(ws: Worksheet, names: Reference, primary: str, header: int, last: int) -> BarChart:
    bars = BarChart()
    bars.type = "bar"
    bars.style = 10
    bars.title = "Score by dimension (%)"
    bars.y_axis.title = "Percent of applicable points"
    bars.y_axis.scaling.min = 0
    bars.y_axis.scaling.max = 100
    bars.y_axis.majorUnit = 20
    bars.x_axis.scaling.orientation = "maxMin"  # D1 at the top, as in the table
    data = Reference(ws, min_col=6, min_row=header, max_row=last)
    bars.add_data(data, titles_from_data=True)
    bars.set_categories(names)
    bars.legend = None
    series = bars.series[0]
    series.graphicalProperties.solidFill = primary
    series.graphicalProperties.line.solidFill = primary
    series.dLbls = DataLabelList()
    series.dLbls.showVal = True
    series.dLbls.numFmt = "0"
    series.dLbls.showCatName = False
    series.dLbls.showSerName = False
    series.dLbls.showLegendKey = False
    series.dLbls.position = "outEnd"
    bars.x_axis.delete = False
    bars.y_axis.delete = False
    bars.height, bars.width = 7.5, 16.5
    return bars


def _radar(ws: Worksheet, names: Reference, header: int, last: int, top: int) -> RadarChart:
    radar = RadarChart()
    radar.type = "marker"
    radar.style = 26
    radar.title = "Maturity level: current and target"
    radar.add_data(Reference(ws, min_col=7, min_row=header, max_row=last),
                   titles_from_data=True)
    radar.add_data(Reference(ws, min_col=9, min_row=header, max_row=last),
                   titles_from_data=True)
    radar.set_categories(names)
    radar.y_axis.scaling.min = 0
    radar.y_axis.scaling.max = top
    radar.y_axis.majorUnit = 1
    radar.y_axis.delete = False
    radar.x_axis.delete = False
    radar.height, radar.width = 9, 16.5
    return radar
