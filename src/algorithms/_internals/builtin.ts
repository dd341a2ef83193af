import { profileFromJson } from '../../model/codec.js';
import { Prompt } from '../../model/types.js';
import { AlignmentAlgorithm, PromptJson } from '../types.js';

export interface ParamSpec {
  readonly default: number;
  readonly doc: string;
  readonly min?: number;
  readonly integer?: boolean;
}

/** A built-in algorithm: `builtin:NAME` or `builtin:NAME:key=value,...`. */
export interface BuiltinSpec {
  readonly name: string;
  readonly description: string;
  readonly params?: Readonly<Record<string, ParamSpec>>;
  create(params: Readonly<Record<string, number>>): AlignmentAlgorithm;
}

/** The prompt a built-in receives, read back through the public profile format. */
export function promptOf(json: PromptJson): Prompt {
  return profileFromJson(json, 'align').prompts[0].prompt;
}
