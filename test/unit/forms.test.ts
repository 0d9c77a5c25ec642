import { describe, expect, it } from 'vitest';
import { IHR1, MANAGEMENT_REFERRAL } from '../../db/reference-data/form-types.ts';
import { pickFormFields, validateField, validateForm, validateStep, type FieldDefinition } from '../../domain/forms.ts';

const text: FieldDefinition = { name: 'x', label: 'Reason', type: 'text', required: true };

describe('form validation', () => {
  describe('validateField', () => {
    it('asks for a required answer that is missing or blank', () => {
      expect(validateField(text, undefined)).toBe('Enter reason');
      expect(validateField(text, '   ')).toBe('Enter reason');
    });

    it('says what each required question of the built-in forms needs in its own words, not built from the label', () => {
      for (const form of [MANAGEMENT_REFERRAL, IHR1]) {
        for (const field of form.steps.flatMap((s) => s.fields).filter((f) => f.required)) {
          expect(field.errorMessage, `${form.key}.${field.name}`).toMatch(/^(Enter|Select|Confirm) /);
          expect(validateField(field, '')).toBe(field.errorMessage);
        }
      }
      const absent = MANAGEMENT_REFERRAL.steps.flatMap((s) => s.fields).find((f) => f.name === 'currentlyAbsent')!;
      expect(validateField(absent, undefined)).toBe('Select yes if the employee is currently absent from work');
    });

    it('takes a ticked confirmation as Yes and nothing else', () => {
      const confirm: FieldDefinition = { name: 'ok', label: 'I confirm it', type: 'confirm', required: true, errorMessage: 'Confirm it' };
      expect(validateField(confirm, 'Yes')).toBeUndefined();
      expect(validateField(confirm, '')).toBe('Confirm it');
      expect(validateField(confirm, 'No')).toBe('Confirm it');
    });

    it('refuses an answer without a single letter or digit', () => {
      expect(validateField(text, '---')).toBe('Reason must contain at least 1 letter or number');
      expect(validateField({ ...text, required: false }, '...')).toBe('Reason must contain at least 1 letter or number');
    });

    it('accepts letters in any script', () => {
      expect(validateField(text, 'Zoë Ødegård')).toBeUndefined();
    });

    it('checks dates, emails, options and length', () => {
      expect(validateField({ ...text, type: 'date' }, '2024-02-30x')).toMatch(/real date/);
      expect(validateField({ ...text, type: 'date' }, '1980-04-01')).toBeUndefined();
      expect(validateField({ ...text, type: 'email' }, 'not-an-email')).toMatch(/email address/);
      expect(validateField({ ...text, type: 'yesno', options: ['Yes', 'No'] }, 'Maybe')).toMatch(/from the list/);
      expect(validateField({ ...text, maxLength: 3 }, 'abcd')).toMatch(/3 characters or fewer/);
    });

    it('leaves an empty optional field alone', () => {
      expect(validateField({ ...text, required: false }, '')).toBeUndefined();
    });
  });

  it('validates one step by its own fields only', () => {
    const step = MANAGEMENT_REFERRAL.steps[1]!;
    const errors = validateStep(step, { employeeFirstName: 'Eddie' });
    expect(Object.keys(errors)).toEqual(expect.arrayContaining(['employeeSurname', 'employeeDateOfBirth']));
    expect(errors).not.toHaveProperty('employeeFirstName');
    expect(errors).not.toHaveProperty('reasonForReferral');
  });

  it('validates a whole form across its steps', () => {
    expect(Object.keys(validateForm(MANAGEMENT_REFERRAL, {}))).toEqual(expect.arrayContaining(['referrerName', 'reasonForReferral', 'declarationAccurate']));
  });

  it('keeps only the fields the definition knows, and only strings', () => {
    expect(pickFormFields(MANAGEMENT_REFERRAL, { employeeSurname: 'Employee', injected: 'x', employeeFirstName: 42 })).toEqual({ employeeSurname: 'Employee' });
  });
});

describe('built-in forms', () => {
  it.each([MANAGEMENT_REFERRAL, IHR1])('$name has the six tabs of the spec in order', (form) => {
    expect(form.steps.map((s) => s.title.slice(0, 2))).toEqual(['01', '02', '03', '04', '05', '06']);
  });

  it('gives IHR1 its five ordered document slots', () => {
    const docs = IHR1.steps.find((s) => s.key === 'documents')!;
    expect(docs.documentSlots!.map((d) => d.label)).toEqual([
      'Application form',
      'Reports to management',
      'Clinical records',
      'Specialist reports',
      "Member's own medical reports",
    ]);
  });

  it('uses each field name once per form', () => {
    for (const form of [MANAGEMENT_REFERRAL, IHR1]) {
      const names = form.steps.flatMap((s) => s.fields.map((f) => f.name));
      expect(new Set(names).size).toBe(names.length);
    }
  });
});
