/** Entities grouped by kind (organisations, people, countries), for the pages that list them. */
import { ENTITY_KINDS, KIND_LABELS, type EntityDef, type EntityKind } from './entities.ts';

export interface EntityKindGroup<T extends EntityDef> {
  kind: EntityKind;
  /** The kind's plural label: "Organisations". */
  label: string;
  /** The entities of this kind, in the order given. */
  entities: readonly T[];
}

/** One group per kind that has any of these entities, in the order of ENTITY_KINDS. */
export function groupByKind<T extends EntityDef>(entities: readonly T[]): EntityKindGroup<T>[] {
  return ENTITY_KINDS.map((kind) => ({
    kind,
    label: KIND_LABELS[kind].plural,
    entities: entities.filter((entity) => entity.kind === kind),
  })).filter((group) => group.entities.length > 0);
}

/** The singular label of an entity's kind: "Person". */
export function kindLabel(entity: Pick<EntityDef, 'kind'>): string {
  return KIND_LABELS[entity.kind].singular;
}
