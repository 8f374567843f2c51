"""The workbook's Excel formulas: docs/scoring.md step by step, cell by cell.

Each function gives the formulas of one kind of row, keyed by column, so Excel,
LibreOffice or Google Sheets recompute every element, dimension and the total exactly
as the application does. Rows are row numbers; `lists` says where the hidden lists are.
"""

from __future__ import annotations

from workbench.exports.workbook.layout import Col, ListsLayout

c = Col


def quote_sheet(sheet: str) -> str:
    """A sheet name as formulas quote it."""
    return "'" + sheet.replace("'", "''") + "'"


def level_of(percent_cell: str, lists: ListsLayout, first_level: int) -> str:
    """The highest band whose minimum the percent reaches (Framework.level_for_percent)."""
    return (f'IF({percent_cell}="","",IFERROR(INDEX({lists.band_levels},'
            f"MATCH({percent_cell},{lists.band_mins},1)),{first_level}))")


def shown_percent(exact: str) -> str:
    """core.display's rule: whole percents rounded down (59.6 shows as 59 beside level 3,
    never as "60 %"); the level comes from the exact ratio, not from this."""
    return f"ROUNDDOWN({exact}+0.000000001,0)"


def level_name(level_cell: str, lists: ListsLayout) -> str:
    """The label of the band whose level is in `level_cell`."""
    return (f'=IF({level_cell}="","",IFERROR(INDEX({lists.band_labels},'
            f'MATCH({level_cell},{lists.band_levels},0)),""))')


def counts(e: str, first: int, last: int, indicators: int) -> dict[str, str]:
    """The hidden counts of an element or enabler row and the mean of its fractions."""
    span = f"{first}:{c.FRACTION}{last}"
    return {
        c.RATED: f"=COUNT({c.FRACTION}{span})",
        c.NOT_APPLICABLE: f'=COUNTIF({c.RATING}{first}:{c.RATING}{last},"N/A")',
        c.UNRATED: f"={indicators}-{c.RATED}{e}-{c.NOT_APPLICABLE}{e}",
        c.MEAN: (f'=IF({c.RATED}{e}+{c.UNRATED}{e}=0,"",SUM({c.FRACTION}{span})/'
                 f"({c.RATED}{e}+{c.UNRATED}{e}))"),
    }


def element(e: str, first: int, last: int, obj: int, indicators: int, lists: ListsLayout,
            first_level: int, disputed: bool) -> dict[str, str]:
    """An element row: its score (docs/scoring.md §2), percent, level, status, hidden steps."""
    w_i, w_o = lists.weight_indicators, lists.weight_objective
    status = (f'IF({c.MEAN}{e}="","Not applicable",IF(AND({c.RATED}{e}=0,'
              f'{c.NOT_APPLICABLE}{e}=0,{c.OBJ_FRACTION}{e}=""),"Not assessed",'
              f'IF(OR({c.UNRATED}{e}>0,{c.OBJ_FRACTION}{e}=""),"Incomplete","Complete")))')
    if disputed:
        status += (f'&IF(SUMPRODUCT(({c.RATING}{first}:{c.RATING}{last}="")*'
                   f'({c.TEAM_FRACTION}{first}:{c.TEAM_FRACTION}{last}<>""))'
                   f'+AND({c.RATING}{obj}="",{c.TEAM_FRACTION}{obj}<>"")>0,'
                   f'" – needs consensus","")')
    exact = f"100*{c.SCORE}{e}/{c.POINTS}{e}"
    # Not applicable, or not assessed (nothing rated or judged): no percent, no level.
    blank = (f'OR({c.MEAN}{e}="",AND({c.RATED}{e}=0,{c.NOT_APPLICABLE}{e}=0,'
             f'{c.OBJ_FRACTION}{e}=""))')
    return {
        c.SCORE: (f'=IF({c.MEAN}{e}="",0,{c.POINTS}{e}*({w_i}*{c.MEAN}{e}+{w_o}*'
                  f'IF({c.OBJ_FRACTION}{e}="",0,{c.OBJ_FRACTION}{e})))'),
        c.PERCENT: f'=IF({blank},"",{shown_percent(exact)})',
        c.LEVEL: f'=IF({blank},"",{level_of(exact, lists, first_level)})',
        c.STATUS: "=" + status,
        c.OBJ_FRACTION: (
            f'=IF({c.RATING}{obj}="",IF({c.TEAM_FRACTION}{obj}="","",{c.TEAM_FRACTION}{obj}),'
            f'IFERROR(INDEX({lists.objective_fractions},MATCH({c.RATING}{obj},'
            f'{lists.objective_labels},0)),""))'),
        **counts(e, first, last, indicators),
        c.APPLICABLE: f'=IF({c.MEAN}{e}="",0,{c.POINTS}{e})',
        c.TARGET_IF: f'=IF(OR({c.MEAN}{e}="",{c.TARGET}{e}=""),"",{c.TARGET}{e})',
    }


def enabler(e: str, first: int, last: int, indicators: int, lists: ListsLayout,
            first_level: int) -> dict[str, str]:
    """An enabler row: the mean of its indicators' fractions as a percent, a level, a status."""
    blank = f'OR({c.MEAN}{e}="",AND({c.RATED}{e}=0,{c.NOT_APPLICABLE}{e}=0))'
    return {
        **counts(e, first, last, indicators),
        c.PERCENT: f'=IF({blank},"",{shown_percent(f"100*{c.MEAN}{e}")})',
        c.LEVEL: f'=IF({blank},"",{level_of(f"100*{c.MEAN}{e}", lists, first_level)})',
        c.STATUS: (f'=IF({c.MEAN}{e}="","Not applicable",IF(AND({c.RATED}{e}=0,'
                   f'{c.NOT_APPLICABLE}{e}=0),"Not assessed",IF({c.UNRATED}{e}>0,"Incomplete",'
                   f'"Complete")))'),
    }


def dimension_total(t: int, first: int, last: int, elements: int, lists: ListsLayout,
                    first_level: int) -> dict[str, str]:
    """A dimension sheet's total row: sums, percent, level, mean target, elements complete."""
    exact = f"100*{c.SCORE}{t}/{c.APPLICABLE}{t}"
    return {
        c.SCORE: f"=SUM({c.SCORE}{first}:{c.SCORE}{last})",
        c.POINTS: f"=SUM({c.POINTS}{first}:{c.POINTS}{last})",
        c.APPLICABLE: f"=SUM({c.APPLICABLE}{first}:{c.APPLICABLE}{last})",
        c.PERCENT: f'=IF({c.APPLICABLE}{t}=0,"",{shown_percent(exact)})',
        c.LEVEL: f'=IF({c.APPLICABLE}{t}=0,"",{level_of(exact, lists, first_level)})',
        c.TARGET: (f'=IF(COUNT({c.TARGET_IF}{first}:{c.TARGET_IF}{last})=0,"",'
                   f"ROUND(AVERAGE({c.TARGET_IF}{first}:{c.TARGET_IF}{last}),0))"),
        c.STATUS: (f'=COUNTIF({c.STATUS}{first}:{c.STATUS}{last},"Complete")'
                   f'&" of {elements} complete"'),
    }


def objective_meaning(o: str, lists: ListsLayout) -> str:
    """What the chosen achievement of an objective means, as a percent."""
    return (f'=IF(AND(C{o}="",{c.TEAM_FRACTION}{o}<>""),"Assessors differ",'
            f'IF(C{o}="","Not judged",IFERROR(TEXT(INDEX({lists.objective_fractions},'
            f'MATCH(C{o},{lists.objective_labels},0))*100,"0")&" %",'
            f'"Not a choice")))')


def indicator_meaning(i: str, lists: ListsLayout) -> str:
    """The label of the level rated on an indicator row."""
    return (f'=IF(C{i}="",IF({c.TEAM_FRACTION}{i}="","","Assessors differ"),'
            f'IF(C{i}="N/A","Not applicable",IFERROR(INDEX({lists.scale_labels},'
            f'MATCH(C{i}*1,{lists.scale_values},0)),"Not a level")))')


def indicator_fraction(i: str, lists: ListsLayout) -> str:
    """The fraction of an indicator row: its level's, else the team's mean where they differ."""
    return (f'=IF(C{i}="",IF({c.TEAM_FRACTION}{i}="","",{c.TEAM_FRACTION}{i}),IF(C{i}="N/A","",'
            f'IFERROR(INDEX({lists.scale_fractions},MATCH(C{i}*1,{lists.scale_values},0)),"")))')


def sum_of(col: str, rows: list[int]) -> str:
    """=SUM of `col` in `rows` (0 when there are none)."""
    return "=SUM(" + (",".join(f"{col}{r}" for r in rows) or "0") + ")"
