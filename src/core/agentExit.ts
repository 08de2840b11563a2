// Exit codes the agent and the user data agree on. A run that failed and was already reported by the agent (status
// tag, both log streams) exits with RUN_FAILED_REPORTED, so the user data does not overwrite the agent's precise
// reason; any other non-zero code means the agent could not report (a crash, a bad run config, an exception
// before its logs were up) and the user data records the failure itself.
export const AGENT_EXIT = {
  ok: 0,
  usage: 2,
  runFailedReported: 3,
} as const;
