import type { Names } from '../names';

/** A provider's directory entry as GET /api/providers answers it. */
export interface Provider {
  id: string;
  names: Names;
  bin: string | null;
  address: string | null;
  /** Service key (definition key, or regulation `national`/`almaty`) → the body that provides it. */
  services: Record<string, Names>;
  updatedAt: string;
  updatedBy: string;
}

/** What PUT /api/providers/:provider takes. */
export type ProviderInput = Pick<Provider, 'names' | 'bin' | 'address' | 'services'>;

export const regulations = ['national', 'almaty'] as const;
export const emptyNames: Names = { kk: '', ru: '', en: '' };
