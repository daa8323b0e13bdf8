import { Injectable } from '@nestjs/common';

/** Time comes from here, never from Date.now() in services, so expiry can be tested. */
@Injectable()
export class Clock {
  now(): Date {
    return new Date();
  }
}
