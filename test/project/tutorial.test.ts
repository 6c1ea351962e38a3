import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { parseCsynthRpt, parseCsynthXml, parseVivadoSynth, readProject } from '@hwcost/project';
import { readFileSync } from 'node:fs';
import { oneLineError, repoRoot, runHwcost } from '../support/cli.js';

const groundtruth = path.join(repoRoot, '..', 'shared', 'groundtruth');
const tutorial = path.join(groundtruth, 'Hector-Plata__hls4ml-tutorial__model_1-hls4ml_prj__4ac4f07');

describe('the hls4ml tutorial project (model_1, Vivado HLS 2019.2)', () => {
  it('reads the layers from the firmware and the csynth figures of each layer from the reports', async () => {
    const project = await readProject(tutorial);
    expect(project.layerSource).toBe('firmware');
    expect(project.layers.map((l) => `${l.name}:${l.layerType}`)).toEqual([
      'fc1:Dense', 'relu1:Activation', 'fc2:Dense', 'relu2:Activation', 'fc3:Dense', 'relu3:Activation', 'output:Dense', 'softmax:Softmax',
    ]);
    expect(project.layers[0]!.args.hls4ml).toMatchObject({ nIn: 16, nOut: 64, reuseFactor: 1, strategy: 'Latency', ioType: 'io_parallel' });
    // myproject_csynth.rpt, Utilization Estimates > Detail > Instance, mapped to layers by config number and ports.
    const dsp = Object.fromEntries([...project.attribution!.layers].map(([name, f]) => [name, f.resources.DSP]));
    expect(dsp).toEqual({ fc1: 477, relu1: 0, fc2: 575, relu2: 0, fc3: 349, relu3: 0, output: 114, softmax: 5 });
    expect(project.attribution!.layers.get('fc2')!.resources).toMatchObject({ FF: 2958, LUT: 36101, BRAM_18K: 0 });
    expect(project.attribution!.layers.get('softmax')).toMatchObject({ latency: 4, resources: { BRAM_18K: 4 } });
    expect(project.reports.csynth).toMatchObject({ tool: 'Vivado HLS', version: '2019.2', part: 'xcu250-figd2104-2L-e', module: { resources: { DSP: 1520, BRAM_18K: 4, FF: 11100, LUT: 85140 }, timing: { latencyWorst: 13, intervalMax: 1 } } });
    expect(project.weights?.get('fc1')?.shape).toEqual([16, 64]);
    expect(project.missing).toEqual(['no vivado_synth.rpt (logic synthesis figures)']);
  });

  it('hwcost compare shows each layer csynth DSP beside the estimates, with relative errors', () => {
    const result = runHwcost(['compare', tutorial, '--format', 'json']);
    expect(result.status, result.stderr).toBe(0);
    const report = JSON.parse(result.stdout);
    const fc2 = report.layers.find((l: { name: string }) => l.name === 'fc2');
    expect(fc2.csynth.DSP).toBe(575);
    expect(fc2.estimates['vivado-dsp'].DSP).toBe(2048);
    expect(fc2.errors['vivado-dsp'].DSP).toBeCloseTo((2048 - 575) / 575, 6);
    expect(Math.abs(fc2.errors['hls-dsp'].DSP)).toBeLessThan(0.15);
    expect(report.total.csynth).toEqual({ DSP: 1520, BRAM: 4, FF: 11100, LUT: 85140, latency: 13 });
    const table = runHwcost(['compare', tutorial, '--objective', 'hls-dsp,vivado-dsp']);
    expect(table.status).toBe(0);
    expect(table.stdout).toMatch(/│ fc1 +│ Dense +│ +477 │/);
    expect(table.stdout).toContain('missing: no vivado_synth.rpt');
  });

  it('gives the difference, not a percentage, where csynth reports 0 for a layer', () => {
    const result = runHwcost(['compare', tutorial, '--objective', 'hls-ff']);
    expect(result.status, result.stderr).toBe(0);
    // csynth counts no flip-flops of its own for relu1 (merged with its neighbours); the estimate has 1,024.
    expect(result.stdout).toMatch(/│ relu1 +│ Activation +│ +0 │ +1,024 \(\+1,024 vs 0\) │/);
    expect(result.stdout).not.toMatch(/\d{4,}%/);
  });
});

describe('report parsers', () => {
  it('reads Vitis HLS XML with its instance hierarchy (DSP, not DSP48E)', () => {
    const file = path.join(groundtruth, 'seanlipps__ECE226_CoDesign__model_1-hls4ml_prj__5d10485', 'report', 'csynth.xml');
    const report = parseCsynthXml(readFileSync(file, 'utf8'), file);
    expect(report).toMatchObject({ tool: 'Vitis HLS', version: '2024.1', module: { resources: { DSP: 467, BRAM_18K: 29, FF: 7123, LUT: 17966 }, timing: { latencyWorst: 395 } } });
    expect(report.instances!.map((i) => i.module)).toContain('conv_1d_cl_array_ap_fixed_9u_array_ap_fixed_16_6_5_3_0_16u_config2_s');
    expect(report.modules!.get('zeropad1d_cl_array_array_ap_fixed_16_6_5_3_0_9u_config8_Pipeline_CopyMain')!.resources).toMatchObject({ FF: 9, LUT: 75, DSP: 0 });
  });

  it('reads the instance and FIFO tables of a csynth text report', () => {
    const file = path.join(groundtruth, 'pominiq__DNNonSilicon__Folder_2_HLS4ML_Vivado_HLS-models-MNIST_R16', 'report', 'myproject_csynth.rpt');
    const rpt = parseCsynthRpt(readFileSync(file, 'utf8'));
    const conv = rpt.instances.find((i) => i.module.includes('config2_s'))!;
    expect(conv).toMatchObject({ resources: { DSP: 3, FF: 1246, LUT: 1845, BRAM_18K: 0 }, timing: { latencyWorst: 10194, intervalMax: 10194 } });
    expect(rpt.storage.find((s) => s.name === 'layer2_out_V_data_0_V_U')).toMatchObject({ kind: 'fifo', resources: { BRAM_18K: 1, FF: 46 } });
  });

  it('reads vivado_synth.rpt, counting BRAM as twice its 36 Kb tiles', () => {
    const file = path.join(groundtruth, 'pominiq__DNNonSilicon__model_2_mix_RF32-hls4ml_prj', 'vivado_synth.rpt');
    expect(parseVivadoSynth(readFileSync(file, 'utf8'), file)).toMatchObject({ DSP: 19, bramTiles: 7.5, bram18kEquivalent: 15, FF: 6769, LUT: 7903 });
  });

  it("compares the function hls4ml generated, not a wrapper synthesised around it (galapagos' platform shell)", async () => {
    const project = await readProject(path.join(groundtruth, 'fastmachinelearning__hls4ml__galapagos'));
    expect(project.reports.csynth).toMatchObject({ top: 'myproject', module: { resources: { DSP: 792, FF: 43219, LUT: 21809 }, timing: { latencyWorst: 14 } } });
    expect(project.notes).toContain('csynth figures are those of myproject, the function hls4ml generated; myproject_galapagos, the top synthesised around it, is left out');
  });

  it('a folder that does not exist is one line and exit code 2', () => {
    const result = runHwcost(['compare', path.join(groundtruth, 'no-such-project')]);
    expect(result.status).toBe(2);
    expect(oneLineError(result)).toMatch(/no-such-project is not a folder/);
  });
});
