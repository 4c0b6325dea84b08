#!/usr/bin/env python3
"""Writes families_ar.xlsx, the browser test's upload: a list with Arabic
headers as another spreadsheet program would save it (inline strings, dates
as serial numbers with a date style). Row 4 has an impossible date and is
quarantined. Run: python3 make_families_ar_xlsx.py (standard library only)."""
import zipfile
from pathlib import Path

NS = 'http://schemas.openxmlformats.org/spreadsheetml/2006/main'
ROWS = [
    ['رمز السجل', 'الاسم', 'اسم الأم', 'تاريخ الولادة', 'هاتف'],
    ['X-1', 'نزار عادل الشامي', 'سلمى', 31943, '+961 3 000 001'],  # 1987-06-15 as a date cell
    ['X-2', 'Nizar Adel al-Shami', 'Salma', '1987', ''],
    ['X-3', 'فراس عادل الشامي', 'سلمى', '1989-02-30', ''],
]


def cell(ref, v):
    if isinstance(v, int):
        return f'<c r="{ref}" s="1"><v>{v}</v></c>'
    if v == '':
        return ''
    esc = v.replace('&', '&amp;').replace('<', '&lt;')
    return f'<c r="{ref}" t="inlineStr"><is><t>{esc}</t></is></c>'


rows = ''.join(
    f'<row r="{i + 1}">' + ''.join(cell(f'{"ABCDE"[j]}{i + 1}', v) for j, v in enumerate(r)) + '</row>'
    for i, r in enumerate(ROWS))
parts = {
    '[Content_Types].xml': '<Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types">'
    '<Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/>'
    '<Default Extension="xml" ContentType="application/xml"/></Types>',
    '_rels/.rels': '<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">'
    '<Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/officeDocument"'
    ' Target="xl/workbook.xml"/></Relationships>',
    'xl/workbook.xml': f'<workbook xmlns="{NS}" xmlns:r="http://schemas.openxmlformats.org/officeDocument/2006/relationships">'
    '<sheets><sheet name="الأهالي" sheetId="1" r:id="rId1"/></sheets></workbook>',
    'xl/_rels/workbook.xml.rels': '<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">'
    '<Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/worksheet" Target="worksheets/sheet1.xml"/>'
    '<Relationship Id="rId2" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/styles" Target="styles.xml"/>'
    '</Relationships>',
    'xl/styles.xml': f'<styleSheet xmlns="{NS}"><cellXfs count="2"><xf numFmtId="0"/><xf numFmtId="14" applyNumberFormat="1"/></cellXfs></styleSheet>',
    'xl/worksheets/sheet1.xml': f'<worksheet xmlns="{NS}"><sheetData>{rows}</sheetData></worksheet>',
}
out = Path(__file__).with_name('families_ar.xlsx')
with zipfile.ZipFile(out, 'w', zipfile.ZIP_DEFLATED) as z:
    for name, xml in parts.items():
        info = zipfile.ZipInfo(name, date_time=(2026, 1, 1, 0, 0, 0))
        info.compress_type = zipfile.ZIP_DEFLATED
        z.writestr(info, '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n' + xml)
print(out)
