"""The body of one responsibility list: its units, their groups and which of them lead.

A body is what sits between a list's brackets (or after a bare ``责任单位：``), e.g.
``牵头单位：市科技局，责任单位：市教育局、各区〔县、市〕政府`` or
``体育总局、民政部负责，排在第一位的部门为牵头部门，下同``. Units are split only at
top level, so ``各区〔县、市〕政府`` stays one unit.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from index.docforms import is_place, place_of

OPEN, CLOSE = "（(〔【[［〈《", "）)〕】]］〉》"
_T = str.maketrans("責單牽頭負體參與協辦導實機構門處", "责单牵头负体参与协办导实机构门处")
# A list label: 责任单位, 牵头部门, 配合单位, 负责部门, 指导部门, … (both scripts).
LABEL = re.compile(
    r"(?:[责責]任|[牵牽][头頭]|配合|[负負][责責]|主[责責]|[参參][与與]|[协協][办辦同]|指[导導]|[实實]施)"
    r"(?:[单單]位|部[门門]|主[体體]|[机機][构構])\s*[:：]\s*"
)
_LEAD_WORDS = ("牵头", "主责")
_HELP_WORDS = ("配合", "参与", "协办", "协同")
# Role words closing a group: ``X牵头负责``, ``Y配合``, ``Z按职责分工负责``.
ROLE = re.compile(r"(?:按职责分工|按照职责分工|按职责|分别|共同)?(?P<role>牵头负责|牵头|主责|负责|配合|参与|协同|协助)$")
_UNIT_MARK = re.compile(r"[(（](?P<role>牵头|配合|参与|参與|牽頭)[)）]$")
_ETC = re.compile(r"\s*等$")
# Where a unit name may end: organs, offices, areas, companies (both scripts).
_UNIT_END = re.compile(
    r"(?:[局委厅廳部办辦署会會府院室处處组組团團行社所联聯队隊站司馆館校街镇鎮乡鄉区區县縣市省央台]"
    r"|中心|机关|機關|单位|單位|部门|部門|机构|機構|企业|企業|集团|集團|公司|基地|园区|園區|平台|专班|專班|海关|海關)$"
)
_PROSE = re.compile(r"[。：:的是将將把]|^(?:由|请|請|按|会同|會同|并|並|要|在|以|从|從)")
# Notes inside a list that are not units: the lead rule, 下同, 不再列出.
NOTE = re.compile(r"下同|不再列出|为牵头|為牽頭|以下|同上")
# Lead rules stated once for the lists that follow.
FIRST_UNIT = re.compile(r"(?:列|排)(?:在)?(?:第一位|首位)(?:的|者)?(?:部门|单位|部門|單位)?(?:为|為)(?:牵头|牽頭)")
FIRST_GROUP = re.compile(r"第一[个個](?:逗号|逗號|，)前(?:的)?(?:部门|单位|部門|單位)?(?:为|為)(?:牵头|牽頭)")


@dataclass(frozen=True)
class UnitList:
    groups: tuple[tuple[str, ...], ...]
    lead: tuple[str, ...]
    marked: bool  # the body itself says who leads (a 牵头 label or word)

    @property
    def units(self) -> tuple[str, ...]:
        return tuple(u for g in self.groups for u in g)


def split_top(text: str, seps: str) -> list[str]:
    """Split at the separators that are not inside brackets."""
    parts, depth, start = [], 0, 0
    for i, c in enumerate(text):
        if c in OPEN:
            depth += 1
        elif c in CLOSE:
            depth = max(0, depth - 1)
        elif depth == 0 and c in seps:
            parts.append(text[start:i])
            start = i + 1
    parts.append(text[start:])
    return parts


def bare(name: str) -> str:
    """The name without its bracketed parts: ``各区〔县、市〕政府`` → ``各区政府``."""
    while (m := re.search(r"[（(〔【\[［〈《][^（(〔【\[［〈《）)〕】\]］〉》]*[）)〕】\]］〉》]", name)):
        name = name[: m.start()] + name[m.end():]
    return name


def is_unit(name: str) -> bool:
    """Whether a name reads as an organ's name rather than prose."""
    core = bare(name).strip()
    return 2 <= len(core) <= 30 and not _PROSE.search(core) and bool(
        _UNIT_END.search(core) or core.startswith("各"))


def _plain(units: list[str]) -> bool:
    return bool(units) and all(len(u) <= 30 and not _PROSE.search(bare(u)) for u in units)


def _unit_group(units: list[str]) -> bool:
    # Abbreviated names share the last one's ending: ``广州、深圳市政府``.
    return _plain(units) and is_unit(units[-1])


def _group(text: str) -> tuple[list[str], str | None, list[str]]:
    """A group's units, the role word closing it, and the units marked （牵头） one by one."""
    text = text.strip()
    role = None
    if m := ROLE.search(text.translate(_T)):  # the translation keeps every offset
        role, text = m.group("role"), text[: m.start()]
    units, marked = [], []
    for part in split_top(text, "、"):
        for piece in re.split(r"等和|和(?=各)|等(?=有关|相关|其他|其它)", part):
            mark = _UNIT_MARK.search(piece.strip())
            name = _ETC.sub("", _UNIT_MARK.sub("", piece.strip())).strip()
            if name:
                units.append(name)
                if mark and mark.group("role").translate(_T) == "牵头":
                    marked.append(name)
    return _shared_suffix(units), role, marked


def _shared_suffix(units: list[str]) -> list[str]:
    """Places written bare before a unit that carries their suffix (``广州、深圳市政府``: both
    cities' governments) share it: the run is one unit as written, never a unit ``广州``."""
    out: list[str] = []
    run: list[str] = []
    for name in units:
        place = place_of(name)
        suffix = place[-1] if place and len(place) < len(name) else ""
        if run and suffix and all(is_place(p + suffix) for p in run):
            out.append("、".join([*run, name]))
            run = []
        elif not is_unit(name) and re.fullmatch(r"[\u4e00-\u9fff]{2,4}", name) \
                and any(is_place(name + s) for s in "省市县区州"):
            run.append(name)  # a place without its suffix: a shared one may follow
        else:
            out += [*run, name]
            run = []
    return out + run


def _sections(body: str) -> list[tuple[str, str]]:
    """``牵头单位：A，责任单位：B`` → ``[("lead", "A"), ("units", "B")]``."""
    sections, pos, kind = [], 0, ""
    for m in LABEL.finditer(body):
        if split_top(body[: m.start()], "，,；;。")[-1].strip() == "":  # a label starts a group
            sections.append((kind, body[pos: m.start()]))
            label = m.group(0).translate(_T)
            kind = "lead" if label.startswith(_LEAD_WORDS) else "help" if label.startswith(_HELP_WORDS) else "units"
            pos = m.end()
    sections.append((kind, body[pos:]))
    return [(k, t) for k, t in sections if k or t.strip()]


def parse_body(body: str, *, strict: bool = False) -> UnitList | None:
    """Read a list body.

    Args:
        body: the text between the brackets.
        strict: for a body without a label: every group before the notes must end in a
            unit's name, one of them must carry a role word (负责/牵头/配合), and what
            follows them must be a note (下同, the lead rule); otherwise None (it is prose).

    Returns:
        The list, or None when it holds no unit.
    """
    sections = _sections(body)
    strict = strict and all(k == "" for k, _ in sections)
    groups: list[tuple[str, ...]] = []
    lead: list[str] = []
    roles: list[str | None] = []
    for kind, text in sections:
        for part in split_top(text, "，,；;。"):
            if not part.strip():
                continue
            units, role, marked = _group(part)
            note = bool(NOTE.search(bare(part)))
            if note or not (_unit_group(units) if strict else _plain(units)):
                if strict and not note:
                    return None
                break  # a note (the lead rule, 下同) ends the list
            groups.append(tuple(units))
            roles.append(role)
            lead += units if kind == "lead" or (role or "").startswith(_LEAD_WORDS) else marked
    if not groups or (strict and not any(roles)):
        return None
    if not lead and any(r in _HELP_WORDS for r in roles):  # ``X负责，Y配合``: X leads
        lead = [u for g, r in zip(groups, roles, strict=True) if r == "负责" for u in g]
    return UnitList(tuple(groups), tuple(lead), bool(lead) or any(k == "lead" for k, _ in sections))


def lead_by_rule(units: UnitList, rule: re.Pattern[str] | None) -> tuple[str, ...]:
    """The lead units a document-wide rule gives a list that names none itself."""
    if units.marked or rule is None:
        return units.lead
    return units.groups[0] if rule is FIRST_GROUP else units.groups[0][:1]
