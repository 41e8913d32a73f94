"""Writes breast-cancer.csv from the copy of the UCI breast cancer Wisconsin (diagnostic) data
that scikit-learn ships (Debian python3-sklearn 1.2.1: sklearn/datasets/data/breast_cancer.csv).

Run with Debian's Python: `/usr/bin/python3 make_breast_cancer.py`. What it changes (see
breast-cancer.NOTICE.txt): a header of snake-case column names instead of scikit-learn's
count line; the class as text in a last column `diagnosis` (malignant, benign) instead of
0/1; and 3% of the feature values (drawn with NumPy's RandomState(569)) blanked on purpose,
written in turn as an empty field, NA and ?, so that the example has something to impute.
The other values are the original text, unchanged.
"""
import csv
import os

import numpy as np
from sklearn.datasets import load_breast_cancer

SOURCE = "/usr/lib/python3/dist-packages/sklearn/datasets/data/breast_cancer.csv"
HERE = os.path.dirname(os.path.abspath(__file__))
MARKERS = ["", "NA", "?"]

names = [n.replace(" ", "_") for n in load_breast_cancer().feature_names]
with open(SOURCE) as f:
    rows = list(csv.reader(f))[1:]
rng = np.random.RandomState(569)
blank = rng.rand(len(rows), len(names)) < 0.03
with open(os.path.join(HERE, "breast-cancer.csv"), "w", newline="") as f:
    out = csv.writer(f, lineterminator="\n")
    out.writerow(names + ["diagnosis"])
    count = 0
    for i, row in enumerate(rows):
        fields = row[:len(names)]
        for j in range(len(names)):
            if blank[i, j]:
                fields[j] = MARKERS[count % 3]
                count += 1
        out.writerow(fields + [["malignant", "benign"][int(row[-1])]])
print(f"{len(rows)} rows, {count} of {blank.size} feature values blanked")
