// From the `.env` text to what the form shows, using the core's key list and validation (the CLI's rules and
// messages). Pure, without vscode, so the form's content is unit-tested. Secret values never leave this module.
import { EnvFile } from '../../core/envFile';
import { CONFIG_KEYS, validateConfig, type ConfigKeyInfo, type ConfigProblem } from '../../core/config';
import { AWS_REGIONS } from '../../core/awsRegions';
import { t } from '../../core/i18n';
import type { AuthMode, EditorState, FieldKind, FieldView, GroupId, GroupView } from './protocol';

const GROUP_ORDER: readonly GroupId[] = ['credentials', 'machine', 'logs', 'buckets', 'executable', 'optional'];

const KEY_KINDS: Partial<Record<string, FieldKind>> = {
  REGION_NAME: 'region',
  AWS_PROFILE: 'profile',
  MAX_RUN_HOURS: 'number',
};

const ACCESS_KEYS = ['AWS_ACCESS_KEY_ID', 'AWS_SECRET_ACCESS_KEY', 'AWS_SESSION_TOKEN'];

interface StateInputs {
  readonly text: string;
  readonly fileName: string;
  /** Process environment: a variable of a config key's name overrides the file (only its presence is used). */
  readonly environment: Record<string, string | undefined>;
  readonly profiles: readonly string[];
  readonly groupDescriptions: Record<GroupId, string>;
}

/** Keys mode unless the file names a profile and holds no access key: createClients prefers keys when both exist. */
function authModeOf(file: EnvFile): AuthMode {
  const hasKeys = Boolean(file.get('AWS_ACCESS_KEY_ID') || file.get('AWS_SECRET_ACCESS_KEY'));
  return file.has('AWS_PROFILE') && !hasKeys ? 'profile' : 'keys';
}

function shownInMode(info: ConfigKeyInfo, mode: AuthMode): boolean {
  if (info.key === 'AWS_PROFILE') return mode === 'profile';
  if (ACCESS_KEYS.includes(info.key)) return mode === 'keys';
  return true;
}

export function buildEditorState(inputs: StateInputs): EditorState {
  const file = EnvFile.parse(inputs.text);
  const values = file.values();
  const mode = authModeOf(file);
  const problems = problemsByKey(validateConfig(values).problems, mode);
  const groups: GroupView[] = GROUP_ORDER.map((id) => ({
    id,
    title: t(`config.group.${id}`),
    description: inputs.groupDescriptions[id],
    fields: CONFIG_KEYS.filter((info) => info.group === id && shownInMode(info, mode)).map((info) =>
      fieldView(info, values[info.key], problems.get(info.key), mode, inputs.environment),
    ),
  }));
  const shownKeys = new Set(groups.flatMap((g) => g.fields.map((f) => f.key)));
  const problemCount =
    groups.reduce((n, g) => n + g.fields.filter((f) => f.problem).length, 0) +
    [...problems.keys()].filter((k) => !shownKeys.has(k)).length;
  return {
    fileName: inputs.fileName,
    authMode: mode,
    profiles: inputs.profiles,
    regions: AWS_REGIONS,
    groups,
    // Unknown keys, and known ones the current mode hides (a profile next to access keys): none vanishes unseen.
    otherKeys: file
      .entries()
      .map((e) => e.key)
      .filter((k) => !shownKeys.has(k)),
    problemCount,
  };
}

/**
 * The first problem of each key. In profile mode the "no credentials" problem, which the core files under the
 * access key, belongs to the profile field: that is the field the user can fill.
 */
interface FieldProblem {
  message: string;
  kind: 'missing' | 'invalid';
}

function problemsByKey(problems: readonly ConfigProblem[], mode: AuthMode): Map<string, FieldProblem> {
  const byKey = new Map<string, FieldProblem>();
  for (const p of problems) {
    const key = mode === 'profile' && ACCESS_KEYS.includes(p.key) ? 'AWS_PROFILE' : p.key;
    if (!byKey.has(key)) byKey.set(key, { message: p.message, kind: p.kind === 'missing' ? 'missing' : 'invalid' });
  }
  return byKey;
}

function fieldView(
  info: ConfigKeyInfo,
  value: string | undefined,
  problem: FieldProblem | undefined,
  mode: AuthMode,
  environment: Record<string, string | undefined>,
): FieldView {
  const kind: FieldKind = info.secret ? 'secret' : (KEY_KINDS[info.key] ?? 'text');
  const isSet = value !== undefined && value !== '';
  const view: FieldView = {
    key: info.key,
    label: t(info.labelKey),
    help: t(info.helpKey),
    kind,
    // The core marks the key pair "required unless a profile"; in profile mode the profile is what is required.
    required:
      info.key === 'AWS_PROFILE' ? mode === 'profile' : info.required && (!info.unlessProfile || mode === 'keys'),
    isSet,
    overriddenByEnvironment: Boolean(environment[info.key]),
    ...(problem ? { problem: problem.message, problemKind: problem.kind } : {}),
  };
  // The secret is represented by isSet alone: its value is not even in the object that is posted.
  return info.secret ? view : { ...view, value: value ?? '' };
}
