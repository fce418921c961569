"""A training loop's batches are released when the loop drops them, traced or not.

`Tensor` stands for a framework tensor holding device memory: the loop checks after every
step how many are alive, as a memory-hungry job would notice when its GPU fills up.
"""

import gc


class Tensor:
    live = 0

    def __init__(self, size):
        self.data = bytearray(size)
        Tensor.live += 1

    def __del__(self):
        Tensor.live -= 1

    def __repr__(self):
        return f"Tensor[{len(self.data)}]"


def load_batch(step):
    return Tensor(1 << 16)


def forward(batch, weights):
    return Tensor(len(batch.data) // 2)


def train_step(step, weights):
    batch = load_batch(step)
    activations = forward(batch, weights)
    loss = len(activations.data) % 7
    return loss


gc.disable()  # only reference counting frees them: the check is exact
weights = Tensor(16)
most = 0
for step in range(300):
    train_step(step, weights)
    most = max(most, Tensor.live)
    if Tensor.live != 1:
        print(f"step {step}: {Tensor.live} tensors alive, expected 1")
print(f"most alive at a step's end: {most}")
