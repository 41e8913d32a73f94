"""The PyTorch twin of examples/autoencoder-anomaly.yaml, run once per held-out class to choose
which class the example holds out (docs/generative.md, section 4). Not needed by Nabla.

    python3 examples/autoencoder_anomaly_classes.py 2 9,8,1,0,5,7   # epochs, held-out classes

Prints, per held-out class, the ROC AUC of four anomaly scores of the test images: the mean
squared reconstruction error (Nabla's), the largest pixel error, the mean of the 50 largest, and
the squared error relative to the image's own energy.
"""
import gzip
import sys

import numpy as np
import torch
from scipy.stats import rankdata
from torch import nn

DATA = '/usr/share/datasets/fashion-mnist/'


def images(name):
    raw = gzip.open(DATA + name).read()
    return np.frombuffer(raw, np.uint8, offset=16).reshape(-1, 1, 28, 28).astype(np.float32) / 255


def labels(name):
    return np.frombuffer(gzip.open(DATA + name).read(), np.uint8, offset=8)


def roc_auc(truth, scores):
    ranks = rankdata(scores)
    positives = truth.sum()
    negatives = len(truth) - positives
    return (ranks[truth == 1].sum() - positives * (positives + 1) / 2) / (positives * negatives)


def main():
    torch.set_num_threads(1)
    epochs, held_out = int(sys.argv[1]), [int(c) for c in sys.argv[2].split(',')]
    train_x, train_y = images('train-images-idx3-ubyte.gz'), labels('train-labels-idx1-ubyte.gz')
    test_x, test_y = torch.tensor(images('t10k-images-idx3-ubyte.gz')), labels('t10k-labels-idx1-ubyte.gz')
    for held in held_out:
        torch.manual_seed(1)
        encoder = nn.Sequential(nn.Conv2d(1, 16, 4, 2, 1), nn.ReLU(), nn.Conv2d(16, 32, 4, 2, 1), nn.ReLU(),
                                nn.Flatten(), nn.Linear(32 * 7 * 7, 16))
        decoder = nn.Sequential(nn.Linear(16, 32 * 7 * 7), nn.ReLU(), nn.Unflatten(1, (32, 7, 7)),
                                nn.ConvTranspose2d(32, 16, 4, 2, 1), nn.ReLU(), nn.ConvTranspose2d(16, 1, 4, 2, 1),
                                nn.Sigmoid())
        model = nn.Sequential(encoder, decoder)
        optimizer = torch.optim.Adam(model.parameters(), 1e-3)
        normal = torch.tensor(train_x[train_y != held][:54000])
        for _ in range(epochs):
            order = torch.randperm(len(normal))
            for i in range(0, len(normal), 128):
                clean = normal[order[i:i + 128]]
                loss = ((model(clean + 0.1 * torch.randn_like(clean)) - clean) ** 2).mean()
                optimizer.zero_grad()
                loss.backward()
                optimizer.step()
        with torch.no_grad():
            error = (model(test_x) - test_x) ** 2
        truth = (test_y == held).astype(int)
        scores = {'mse': error.mean((1, 2, 3)), 'max': error.flatten(1).max(1).values,
                  'top50': error.flatten(1).topk(50, 1).values.mean(1),
                  'relative': error.sum((1, 2, 3)) / (test_x ** 2).sum((1, 2, 3))}
        print(held, ' '.join(f'{k} {roc_auc(truth, v.numpy()):.3f}' for k, v in scores.items()), flush=True)


if __name__ == '__main__':
    main()
