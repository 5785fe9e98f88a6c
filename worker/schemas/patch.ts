import { z } from "zod";

/** A field as a PATCH takes it: optional, and without the default the resource's own schema fills in. */
type Unwrapped<T extends z.core.SomeType> = T extends z.ZodDefault<infer Inner extends z.core.SomeType> ? Inner : T;
type PatchShape<Shape extends z.ZodRawShape> = { [K in keyof Shape]: z.ZodOptional<Unwrapped<Shape[K]>> };

/**
 * The PATCH body of a resource whose create schema gives some fields defaults: every field optional, and no
 * default applied, so that a PATCH changes only the fields it names and `{}` changes nothing (README
 * "Conventions"). zod's own `.partial()` keeps the defaults: a field left out would come back as its
 * default and overwrite what is stored (a renamed workflow lost its conditions).
 */
export function patchOf<Shape extends z.ZodRawShape>(schema: z.ZodObject<Shape>): z.ZodObject<PatchShape<Shape>> {
  const fields = Object.fromEntries(Object.entries(schema.shape).map(([name, field]) => [name, z.optional(field instanceof z.ZodDefault ? (field.unwrap() as z.ZodType) : field)]));
  return z.object(fields) as unknown as z.ZodObject<PatchShape<Shape>>;
}
