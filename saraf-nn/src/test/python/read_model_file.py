"""Reads a saraf model file in Python, as docs/model-files.md describes: a manual check, not a test dependency.

    python3 read_model_file.py model.safetensors [io.safetensors]

Prints the metadata and the tensors; parses the file twice, with the safetensors package when it is
installed and with plain json + struct + numpy, and checks both agree. When PyTorch is importable it
also rebuilds the model from the architecture JSON (built-in layers only), loads the weights with
strict=True, and, given an io file holding tensors "x" and "y" (a saraf model's input and eval-mode
output, written with dev.saraf.io.SafeTensors.write), prints the largest difference of PyTorch's output.
"""
import json
import struct
import sys

import numpy as np


def read_plain(path):
    """The format by hand: 8-byte little-endian header length, JSON header, raw little-endian data."""
    with open(path, "rb") as f:
        n = struct.unpack("<Q", f.read(8))[0]
        header = json.loads(f.read(n))
        data = f.read()
    meta = header.pop("__metadata__", {})
    tensors = {}
    for name, info in header.items():
        assert info["dtype"] == "F32", (name, info["dtype"])
        begin, end = info["data_offsets"]
        tensors[name] = np.frombuffer(data[begin:end], dtype="<f4").reshape(info["shape"])
    return tensors, meta


def torch_model(arch, nn):
    """A torch module for a saraf architecture description (the built-in layers)."""
    t = arch["type"]
    if t == "Sequential":
        return nn.Sequential(*[torch_model(layer, nn) for layer in arch["layers"]])
    simple = {"ReLU": nn.ReLU, "GELU": nn.GELU, "Sigmoid": nn.Sigmoid, "Tanh": nn.Tanh, "Identity": nn.Identity}
    if t in simple:
        return simple[t]()
    if t == "Linear":
        return nn.Linear(arch["in"], arch["out"], bias=arch.get("bias", True))
    if t == "Conv2d":
        padding = arch.get("padding", 0)
        return nn.Conv2d(arch["in"], arch["out"], arch["kernel"], stride=arch.get("stride", 1), padding=padding,
                         dilation=arch.get("dilation", 1), groups=arch.get("groups", 1), bias=arch.get("bias", True))
    if t in ("BatchNorm1d", "BatchNorm2d"):
        return getattr(nn, t)(arch["features"], eps=arch.get("eps", 1e-5), momentum=arch.get("momentum", 0.1),
                              affine=arch.get("affine", True))
    if t == "LayerNorm":
        return nn.LayerNorm(arch["shape"], eps=arch.get("eps", 1e-5), elementwise_affine=arch.get("affine", True))
    if t == "MaxPool2d":
        return nn.MaxPool2d(arch["kernel"], stride=arch.get("stride"), padding=arch.get("padding", 0))
    if t == "AvgPool2d":
        return nn.AvgPool2d(arch["kernel"], stride=arch.get("stride"), padding=arch.get("padding", 0))
    if t == "AdaptiveAvgPool2d":
        return nn.AdaptiveAvgPool2d((arch["outH"], arch["outW"]))
    if t == "Flatten":
        return nn.Flatten(arch.get("start", 1), arch.get("end", -1))
    if t == "Dropout":
        return nn.Dropout(arch.get("p", 0.5))
    if t == "LeakyReLU":
        return nn.LeakyReLU(arch.get("slope", 0.01))
    if t == "ELU":
        return nn.ELU(arch.get("alpha", 1.0))
    if t in ("Softmax", "LogSoftmax"):
        return getattr(nn, t)(dim=arch.get("dim", -1))
    if t == "Embedding":
        return nn.Embedding(arch["count"], arch["dim"])
    raise ValueError("no PyTorch equivalent written for " + t)


def main(path, io_path=None):
    tensors, meta = read_plain(path)
    try:
        from safetensors import safe_open
        from safetensors.numpy import load_file
        weights = load_file(path)
        with safe_open(path, framework="np") as f:
            assert f.metadata() == meta
        assert weights.keys() == tensors.keys() and all(np.array_equal(weights[k], tensors[k]) for k in tensors)
        print("safetensors package: same tensors and metadata as the plain parse")
    except ImportError:
        print("safetensors package not installed: plain parse only")
    for key in sorted(meta):
        print(f"  {key} = {meta[key][:100]}")
    for name, t in tensors.items():
        print(f"  {name} {list(t.shape)}")
    try:
        import torch
        from torch import nn
    except ImportError:
        print("PyTorch not installed: skipping the PyTorch check")
        return
    model = torch_model(json.loads(meta["architecture"]), nn)
    state = {k: torch.from_numpy(v.copy()) for k, v in tensors.items() if not k.startswith("optim.")}
    print("load_state_dict(strict=True):", model.load_state_dict(state, strict=True))
    if io_path:
        io, _ = read_plain(io_path)
        model.eval()
        with torch.no_grad():
            y = model(torch.from_numpy(io["x"].copy()))
        print("max |PyTorch - saraf| =", (y - torch.from_numpy(io["y"].copy())).abs().max().item())


if __name__ == "__main__":
    main(*sys.argv[1:])
