import type { FormDefinition } from '../../domain/forms.ts';
import { BaseModel } from './base.ts';

export class FormType extends BaseModel {
  static override tableName = 'form_types';
  static override jsonAttributes = ['definition'];

  id!: string;
  key!: string;
  name!: string;
  definition!: FormDefinition;
  createdAt!: Date;
  updatedAt!: Date;
}
