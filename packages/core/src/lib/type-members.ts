import type * as TS from 'typescript';

/** The members of a union type, or the type itself. */
export function unionMembers(type: TS.Type): readonly TS.Type[] {
  return type.isUnion() ? type.types : [type];
}
