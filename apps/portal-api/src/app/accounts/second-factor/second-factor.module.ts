import { Module } from '@nestjs/common';
import { AuditModule } from '../../audit/audit.module';
import { SecondFactorService } from './second-factor.service';

/** TOTP authenticators and recovery codes, as a service for sign-in, account and admin features. */
@Module({ imports: [AuditModule], providers: [SecondFactorService], exports: [SecondFactorService] })
export class SecondFactorModule {}
