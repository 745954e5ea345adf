import { Column, CreateDateColumn, Entity, Index, PrimaryGeneratedColumn } from "typeorm";

/** A bearer token made with `npm run token -- create`; only its SHA-256 hash is stored. */
@Entity("api_token")
export class ApiToken {
  @PrimaryGeneratedColumn()
  id: number;

  @Index({ unique: true })
  @Column({ type: "varchar", length: 64 })
  hash: string;

  @Column({ type: "varchar", length: 16 })
  role: string;

  @Index({ unique: true })
  @Column({ type: "varchar", length: 100 })
  label: string;

  @CreateDateColumn({ type: Date })
  createdAt: Date;

  @Column({ type: Date, nullable: true })
  revokedAt: Date | null;
}
