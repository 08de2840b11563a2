// The machine path on real AWS (issue 11, AWS fidelity): the agent's step timings, disk and permission checks,
// input caps, and the pre-flight's warnings about regions, AMIs and volumes.
export const en = {
  'machine.stepDone': 'Step {step} finished in {seconds} s.',
  'machine.stepFailed': 'Step {step} failed after {seconds} s.',
};

export const es: { [K in keyof typeof en]: string } = {
  'machine.stepDone': 'Paso {step} terminado en {seconds} s.',
  'machine.stepFailed': 'Paso {step} falló después de {seconds} s.',
};
