// The machine path on real AWS (issue 11, AWS fidelity): the agent's step timings, disk and permission checks,
// input caps, and the pre-flight's warnings about regions, AMIs and volumes.
export const en = {
  'machine.stepDone': 'Step {step} finished in {seconds} s.',
  'machine.stepFailed': 'Step {step} failed after {seconds} s.',
  'machine.terminateDenied':
    'The instance profile cannot terminate instance {instance} ({detail}): add ec2:TerminateInstances as `adatrap-miner print-iam-policy` prints it; until then only the deadline shutdown ends this machine.',
  'machine.terminateCheckFailed':
    'Could not check whether instance {instance} may terminate itself ({detail}); the run goes on.',
  'machine.logRejected':
    "CloudWatch Logs accepted the batch but dropped {count} event(s) of stream {stream} (more than 2 hours ahead, older than 14 days or past retention): check the machine's clock.",
  'machine.cmd.operator':
    "print the policy of the person launching runs (CLI and extension calls, iam:PassRole on the machine role) instead of the machines' one",
  'machine.cmd.machineRole': "with --operator: the IAM role inside INSTANCE_PROFILE (default: the profile's name)",
};

export const es: { [K in keyof typeof en]: string } = {
  'machine.stepDone': 'Paso {step} terminado en {seconds} s.',
  'machine.stepFailed': 'Paso {step} falló después de {seconds} s.',
  'machine.terminateDenied':
    'El perfil de instancia no puede terminar la instancia {instance} ({detail}): agregue ec2:TerminateInstances como lo imprime `adatrap-miner print-iam-policy`; mientras tanto solo el apagado por plazo termina esta máquina.',
  'machine.terminateCheckFailed':
    'No se pudo comprobar si la instancia {instance} puede terminarse a sí misma ({detail}); la ejecución continúa.',
  'machine.logRejected':
    'CloudWatch Logs aceptó el lote pero descartó {count} evento(s) del flujo {stream} (más de 2 horas adelantados, de más de 14 días o fuera de la retención): revise el reloj de la máquina.',
  'machine.cmd.operator':
    'imprimir la política de quien lanza las ejecuciones (llamadas de la CLI y la extensión, iam:PassRole sobre el rol de las máquinas) en vez de la de las máquinas',
  'machine.cmd.machineRole':
    'con --operator: el rol IAM dentro de INSTANCE_PROFILE (por omisión: el nombre del perfil)',
};
