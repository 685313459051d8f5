"""责任单位 lists of both seeds, written out by reading the documents."""

from __future__ import annotations

from functools import cache

import pytest

from corpus.sources import load_sources
from index.duties import split_units
from index.ingest import parse_file
from index.records import ParsedDocument, Responsibility

DONGYING = [
    ("1", "建設高質量產業載體", [["市商務局", "市發展改革委", "市科技局"], ["黃三角農高區", "省級以上開發區"]]),
    ("2", "培育壯大園區主導產業", [["省級以上開發區"]]),
    ("3", "深化延伸產業鏈條", [["市工業和信息化局", "市發展改革委"], ["省級以上開發區"]]),
    ("4", "推進產業數字化轉型", [["市工業和信息化局"], ["省級以上開發區"]]),
    ("5", "培育創新型領軍企業", [["市發展改革委", "市工業和信息化局", "市衛生健康委"]]),
    ("6", "扶持“小巨人”企業", [["市工業和信息化局", "市科技局"]]),
    ("7", "全力加強品牌創建", [["市市場監管局", "市工業和信息化局", "市農業農村局"]]),
    ("8", "加強創新平臺建設", [["市科技局", "市發展改革委"]]),
    ("9", "增強企業創新能力", [["市科技局"]]),
    ("10", "建設創新型人才隊伍", [["市委組織部", "市人力資源社會保障局", "市工業和信息化局"]]),
    ("11", "創新項目落實機制", [["市發展改革委", "市財政局", "市行政審批局"]]),
    ("12", "擴大招商引資規模", [["市投資促進局"]]),
    ("13", "優化營商環境", [["市行政審批局"]]),
    ("14", "加強項目實施全過程監管", [["市生態環境局", "市應急局", "市自然資源和規劃局", "市住房城建管理局"]]),
    ("15", "加快產業綠色化改造", [["市發展改革委", "市工業和信息化局", "市市場監管局"]]),
    ("16", "加快淘汰落后產能", [["市發展改革委", "市工業和信息化局"]]),
    ("17", "按時發布監測報告", [["市統計局"]]),
    ("18", "規范企業納統", [["市統計局", "市市場監管局", "市稅務局", "市行政審批局"]]),
    ("19", "落實領導責任", [["市新舊動能轉換綜合試驗區建設領導小組辦公室"]]),
    ("20", "增強考核結果應用", [["市委組織部", "市新舊動能轉換綜合試驗區建設領導小組辦公室"]]),
]
# Dongying's 四、攻坚措施 numbers its measures 1..20 straight through （一）…（六）.
DONGYING_SECTIONS = {
    "（一）": range(1, 5), "（二）": range(5, 8), "（三）": range(8, 11),
    "（四）": range(11, 15), "（五）": range(15, 17), "（六）": range(17, 21),
}

TENGZHOU = [
    ("1", "推进创新平台建设", [["市科学技术局", "市发展和改革局", "市工业和信息化局"]]),
    ("2", "强化企业创新主体地位", [["市科学技术局", "市工业和信息化局", "市国有资产监督管理局"]]),
    ("3", "健全科技成果转化服务体系", [["市科学技术局", "市科协", "市财政局", "市市场监督管理局"]]),
    ("4", "构建人才引领发展新格局", [["市委组织部", "市发展和改革局", "市科学技术局", "市工业和信息化局", "市人力资源和社会保障局"]]),
    ("5", "改造提升传统产业", [["化工和新材料产业专班", "机床和高端装备产业专班"], ["市直有关部门"], ["各镇街"]]),
    ("6", "培育壮大新兴产业", [["锂电和新能源产业专班", "新医药和医养健康产业专班", "数字经济和新一代信息技术产业专班"], ["市直有关部门"], ["各镇街"]]),
    ("7", "超前布局未来产业", [["五大产业专班"], ["市直有关部门"], ["各镇街"]]),
    ("8", "促进文旅融合发展", [["市文化和旅游局", "市墨子研究中心", "滕州微山湖湿地管理委员会", "滕州文旅发展集团有限公司"]]),
    ("9", "打好招商引资攻坚战", [["市招商引资服务中心", "五大产业专班", "滕州经济技术开发区", "市住房和城乡建设局", "市农业农村局", "市商务和投资促进局", "市文化和旅游局"], ["各镇街"]]),
    ("10", "打好项目建设攻坚战", [["市发展和改革局", "各重大项目专班"], ["各镇街"]]),
    ("11", "建设现代商贸流通体系", [["市商务和投资促进局", "市发展和改革局", "市财政局", "市自然资源局", "市交通运输局", "市国有资产监督管理局", "市规划编制研究中心", "市大数据中心", "各镇街"]]),
    ("12", "加快大规模设备更新和消费品以旧换新", [["市发展和改革局", "市工业和信息化局", "市财政局", "枣庄市生态环境局滕州分局", "市应急管理局", "市综合行政执法局", "市商务和投资促进局", "市交通运输局", "市住房和城乡建设局"]]),
    ("13", "不断扩大对外开放水平", [["市商务和投资促进局", "滕州经济技术开发区", "各镇街"]]),
    ("14", "鼓励企业对标登高", [["市工业和信息化局", "市发展和改革局", "市财政局", "市农业农村局", "市商务和投资促进局", "市市场监督管理局"]]),
    ("15", "完善要素保障", [["市委组织部", "市财政局", "市人力资源和社会保障局"]]),
    ("16", "营造一流营商环境", [["市委办公室", "市政府办公室", "市委宣传部", "市委统战部", "市工商业联合会", "市发展和改革局", "市工业和信息化局", "市市场监督管理局", "市行政审批服务局", "市大数据中心", "市“枣解决·枣满意”诉求办理指挥中心"]]),
    ("17", "实施新型城镇化建设行动", [["市直有关部门"], ["各镇街"]]),
    ("18", "持续推进城市更新行动", [["市住房和城乡建设局", "市综合行政执法局", "枣庄市生态环境局滕州分局", "各镇街"]]),
    ("19", "主动融入区域发展新格局", [["市发展和改革局"], ["市直有关部门"], ["各镇街"]]),
    ("20", "全力夯实粮食安全根基", [["市农业农村局", "市自然资源局", "市城乡水务局", "各镇街"]]),
    ("21", "加快农业全产业链发展", [["市农业农村局", "市工业和信息化局", "市商务和投资促进局", "市市场监督管理局", "各镇街"]]),
    ("22", "推进乡村振兴片区建设", [["市农业农村局", "市工业和信息化局", "市城乡水务局", "市商务和投资促进局", "市文化和旅游局", "市综合行政执法局", "各镇街"]]),
    ("23", "深化农村制度改革", [["市农业农村局", "市自然资源局", "各镇街"]]),
    ("24", "系统开展碳达峰碳中和", [["市发展和改革局", "市机关事务服务中心", "市教育和体育局", "市自然资源局", "市交通运输局", "市综合行政执法局", "市林业事业发展中心", "市能源事务中心", "枣庄市生态环境局滕州分局", "各镇街"]]),
    ("25", "加强生态保护修复", [["市自然资源局", "市城乡水务局", "市林业事业发展中心"]]),
    ("26", "强化污染源头管控", [["枣庄市生态环境局滕州分局", "市城乡水务局", "市农业农村局", "市综合行政执法局", "各镇街"]]),
    ("27", "推进水资源节约集约利用", [["市城乡水务局", "市发展和改革局", "市工业和信息化局", "市自然资源局", "各镇街"]]),
]
TENGZHOU_SAFEGUARDS = [
    ("（一）", "加强组织领导", [["市委办公室", "市政府办公室", "市直有关部门"], ["各镇街"]]),
    ("（二）", "健全政策体系", [["市直有关部门"], ["各镇街"]]),
    ("（三）", "强化评估督导", [["市直有关部门"], ["各镇街"]]),
]


@cache
def seed(doc_id: str) -> ParsedDocument:
    from tests.conftest import ROOT

    source = next(s for s in load_sources() if s.doc_id == doc_id)
    return parse_file(ROOT / "corpus" / source.file, source)


def _by_clause(doc: ParsedDocument) -> dict[str, Responsibility]:
    out: dict[str, Responsibility] = {}
    for r in doc.duties:
        assert r.clause_id not in out, f"two 责任单位 in {r.clause_id}"
        out[r.clause_id] = r
    return out


def test_dongying_twenty_measures_with_exact_units():
    doc = seed("dongying-2021")
    duties = _by_clause(doc)
    assert len(doc.duties) == 20
    measures = [c for c in doc.clauses if c.parent and c.parent.startswith("dongying-2021/四/") and c.level == 3]
    assert [c.marker for c in measures] == [f"{n}." for n in range(1, 21)]
    for number, task, groups in DONGYING:
        section = next(s for s, r in DONGYING_SECTIONS.items() if int(number) in r)
        cid = f"dongying-2021/四/{section}/{number}"
        r = duties[cid]
        assert r.task == task
        assert [list(g) for g in r.groups] == groups
        assert list(r.units) == [u for g in groups for u in g]
        assert r.lead == ()
        assert r.text.startswith("(責任單位:") and r.text.endswith(")")
        assert doc.clean[r.clean_span[0] : r.clean_span[1]] == r.text
        assert doc.raw[r.span[0] : r.span[1]].startswith("(責(zé)任單位")


def test_dongying_item5_ends_with_paren_and_full_stop():
    r = _by_clause(seed("dongying-2021"))["dongying-2021/四/（二）/5"]
    assert r.units == ("市發展改革委", "市工業和信息化局", "市衛生健康委")


def test_tengzhou_twenty_seven_tasks_and_safeguards():
    doc = seed("tengzhou-2024")
    duties = _by_clause(doc)
    assert len(doc.duties) == 30
    tasks = [r for r in doc.duties if r.clause_id.startswith("tengzhou-2024/二/")]
    assert [r.clause_id.rsplit("/", 1)[1] for r in tasks] == [str(n) for n in range(1, 28)]
    for (number, task, groups), r in zip(TENGZHOU, tasks, strict=True):
        assert r.clause_id.endswith(f"/{number}")
        assert r.task == task
        assert [list(g) for g in r.groups] == groups
    for section, task, groups in TENGZHOU_SAFEGUARDS:
        r = duties[f"tengzhou-2024/三/{section}"]
        assert r.task == task
        assert [list(g) for g in r.groups] == groups


def test_tengzhou_lead_unit_of_task_19():
    r = next(r for r in seed("tengzhou-2024").duties if r.clause_id.endswith("/（五）/19"))
    assert r.lead == ("市发展和改革局",)
    assert r.units[0] == "市发展和改革局"
    assert "牵头" in r.text
    others = [x for x in seed("tengzhou-2024").duties if x is not r]
    assert all(x.lead == () for x in others)


@pytest.mark.parametrize(
    ("body", "groups", "lead"),
    [
        ("市商務局、市發展改革委、市科技局,黃三角農高區、省級以上開發區",
         [["市商務局", "市發展改革委", "市科技局"], ["黃三角農高區", "省級以上開發區"]], []),
        ("市发展和改革局牵头，市直有关部门，各镇街", [["市发展和改革局"], ["市直有关部门"], ["各镇街"]],
         ["市发展和改革局"]),
        ("市文化和旅游局等,各镇街", [["市文化和旅游局"], ["各镇街"]], []),
        ("县商务局（牵头）、县财政局（配合）", [["县商务局", "县财政局"]], ["县商务局"]),
        ("", [], []),
    ],
)
def test_split_units(body, groups, lead):
    g, lead_units = split_units(body)
    assert g == groups
    assert lead_units == lead
