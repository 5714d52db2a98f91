import { Pipe, type PipeTransform } from '@angular/core';
import { withoutImageData } from './find-step-images';

/** A step output for its JSON view: inline images' base64 is shortened to a note (they are drawn instead). */
@Pipe({ name: 'withoutImageData' })
export class WithoutImageDataPipe implements PipeTransform {
  transform(output: unknown): unknown {
    return withoutImageData(output);
  }
}
