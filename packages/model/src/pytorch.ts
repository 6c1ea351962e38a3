import path from 'node:path';
import { HwcostError } from '@hwcost/core';

/** File endings PyTorch's `torch.save` is used with. */
const PYTORCH_ENDINGS = new Set(['.pt', '.pth', '.pkl', '.ckpt', '.bin']);

/**
 * True for a PyTorch file: named as `torch.save` files are, or a Python pickle (protocol 2 or
 * later starts with 0x80 and the protocol number), as `torch.save` wrote before PyTorch 1.6.
 */
export function isPyTorchFile(bytes: Uint8Array, file: string): boolean {
  return PYTORCH_ENDINGS.has(path.extname(file).toLowerCase()) || (bytes[0] === 0x80 && bytes[1] !== undefined && bytes[1] >= 2 && bytes[1] <= 5);
}

/** The one-line refusal of a PyTorch file: hwcost reads ONNX, and how to export it. */
export function pyTorchRefusal(file: string): HwcostError {
  return new HwcostError(
    `${file} is a PyTorch file, which cannot be read without running Python; hwcost reads ONNX: export it with torch.onnx.export(model, example_input, "model.onnx") and give hwcost model.onnx`,
  );
}
