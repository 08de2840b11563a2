// What to tell the user about reaching a machine on 3389: shared by `adatrap-miner rdp` and VS Code's
// "Connect by Remote Desktop…", so both say exactly the same thing in both languages.
import { t } from './i18n';
import { authorizeRdpCommand, RDP_PORT, ssmPortForwardCommand, type RdpAccess } from './remoteDesktop';

export const SSM_LOCAL_PORT = 13389;

export interface RdpAdvice {
  /** True when Remote Desktop can connect directly. */
  ok: boolean;
  /** One summary line. */
  summary: string;
  /** The rule to add and the command that adds it, or the open rules when the address is unknown. */
  details: string[];
  /** The secure alternative: a Session Manager tunnel to 3389 (no inbound rule needed). */
  alternative: string;
}

export function rdpAdvice(access: RdpAccess, instanceId: string, region: string, source?: string): RdpAdvice {
  const alternative = t('diagnose.rdp.ssmAlternative', {
    command: ssmPortForwardCommand(instanceId, region, SSM_LOCAL_PORT),
    port: SSM_LOCAL_PORT,
  });
  if (access.kind === 'open') {
    return {
      ok: true,
      summary: t('diagnose.rdp.open', {
        port: RDP_PORT,
        group: access.groupId,
        cidr: access.cidr,
        source: source ?? '',
      }),
      details: [],
      alternative,
    };
  }
  if (access.kind === 'closed') {
    const group = access.groupIds[0] ?? '';
    return {
      ok: false,
      summary: t('diagnose.rdp.closed', {
        port: RDP_PORT,
        source: access.sourceCidr,
        groups: access.groupIds.join(', ') || '-',
      }),
      details: group
        ? [
            t('diagnose.rdp.addRule', { group, port: RDP_PORT, cidr: access.sourceCidr }),
            authorizeRdpCommand(group, access.sourceCidr, region),
          ]
        : [t('diagnose.rdp.noGroups')],
      alternative,
    };
  }
  return {
    ok: false,
    summary: t('diagnose.rdp.unknownSource', { port: RDP_PORT }),
    details: access.openTo.length
      ? access.openTo.map((o) => t('diagnose.rdp.openTo', { group: o.groupId, cidr: o.cidr, port: RDP_PORT }))
      : [t('diagnose.rdp.openToNobody', { port: RDP_PORT })],
    alternative,
  };
}
