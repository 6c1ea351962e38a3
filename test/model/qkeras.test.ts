import { describe, expect, it } from 'vitest';
import { formatPrecision } from '@hwcost/core';
import { quantizerPrecision, readQuantizer, type DataValue } from '@hwcost/model';

function precisionOf(value: unknown): string | undefined {
  const quantizer = readQuantizer(value as DataValue, 'layer q');
  const precision = quantizer && quantizerPrecision(quantizer, 'layer q');
  return precision && formatPrecision(precision);
}

describe('QKeras kernel quantizers', () => {
  it('maps quantized_bits(bits, integer) to ap_fixed<bits, integer+1>, in either serialized form', () => {
    expect(precisionOf({ class_name: 'quantized_bits', config: { bits: 6, integer: 0, symmetric: 0, alpha: 1, keep_negative: true } })).toBe('ap_fixed<6,1>');
    expect(precisionOf('quantized_bits(6,0,alpha=1)')).toBe('ap_fixed<6,1>');
    expect(precisionOf("quantized_bits(bits=8, integer=3, alpha='auto_po2')")).toBe('ap_fixed<8,4>');
    expect(precisionOf('quantized_bits(4, integer=2)')).toBe('ap_fixed<4,3>');
  });

  it('gives ap_int<bits> when bits == integer', () => {
    expect(precisionOf('quantized_bits(4,4)')).toBe('ap_int<4>');
    expect(precisionOf({ class_name: 'quantized_bits', config: { bits: 1, integer: 1 } })).toBe('ap_int<1>');
  });

  it('uses QKeras defaults (8 bits, 0 integer) for missing arguments', () => {
    expect(precisionOf('quantized_bits()')).toBe('ap_fixed<8,1>');
    expect(precisionOf('quantized_bits')).toBe('ap_fixed<8,1>');
  });

  it('maps binary and ternary quantizers (QKeras and larq) to one and two bits, as hls4ml does', () => {
    expect(precisionOf('binary(alpha=1)')).toBe('ap_uint<1>');
    expect(precisionOf('stochastic_ternary()')).toBe('ap_int<2>');
    expect(precisionOf('ste_sign')).toBe('ap_uint<1>');
  });

  it('maps no other quantizer class, and no quantizer at all', () => {
    expect(precisionOf('quantized_po2(4)')).toBeUndefined();
    expect(precisionOf(null)).toBeUndefined();
  });

  it('rejects unreadable quantizers, naming the layer', () => {
    expect(() => readQuantizer('quantized_bits(6', 'layer q')).toThrow('layer q: cannot read quantizer "quantized_bits(6"');
    expect(() => readQuantizer(7, 'layer q')).toThrow('layer q: cannot read quantizer 7');
    expect(() => precisionOf('quantized_bits(0,0)')).toThrow('layer q: quantized_bits bits must be an integer ≥ 1, got 0');
  });
});
