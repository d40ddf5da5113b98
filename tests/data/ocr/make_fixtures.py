#!/usr/bin/python3
"""Writes known_text.pdf, the OCR tests' fixture: one A6 page of Swedish
minutes text in Helvetica at known positions (python3-reportlab).
Run from this directory; the output is committed (about 2 KB)."""
from reportlab.lib.pagesizes import A6
from reportlab.pdfgen import canvas

LINES = [
    "Protokoll styrelsemöte",
    "Närvarande: Anna Andersson",
    "och Bertil Öberg",
    "§ 1 Mötets öppnande",
    "Ordföranden förklarade",
    "mötet öppnat.",
]
LEFT = 36      # points from the left edge
FIRST = 60     # points from the top to the first baseline
STEP = 24      # points between baselines
SIZE = 14

c = canvas.Canvas("known_text.pdf", pagesize=A6, invariant=1, pageCompression=1)
width, height = A6
c.setFont("Helvetica", SIZE)
for i, line in enumerate(LINES):
    c.drawString(LEFT, height - FIRST - i * STEP, line)
c.showPage()
c.save()
